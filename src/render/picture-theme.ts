/**
 * Colours and type for the pictures (SVG, PNG, HTML). Series colours follow the terminal's order (blue,
 * red, green, purple, teal, ochre); each theme darkens or brightens them enough to read on its own
 * background. The font is DejaVu Sans, the one the PNG rasteriser is given, so SVG, PNG and browser
 * agree where DejaVu is present and fall back to any sans-serif where it is not.
 */
export interface PictureTheme {
  readonly background: string;
  readonly text: string;
  readonly mutedText: string;
  readonly grid: string;
  readonly axis: string;
  readonly hoverRule: string;
  readonly series: readonly string[];
}

export const FONT_FAMILY = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';
/** The family the PNG rasteriser falls back to; its files ship in the dejavu-fonts-ttf package. */
export const RASTER_FONT = 'DejaVu Sans';

export const THEMES: Readonly<Record<'light' | 'dark', PictureTheme>> = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    mutedText: '#424a53',
    grid: '#e4e7eb',
    axis: '#8c959f',
    hoverRule: '#57606a',
    series: ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#1b7c83', '#9a6700'],
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    mutedText: '#c9d1d9',
    grid: '#262c36',
    axis: '#6e7681',
    hoverRule: '#8b949e',
    series: ['#58a6ff', '#ff7b72', '#3fb950', '#d2a8ff', '#56d4dd', '#e3b341'],
  },
};

/** Default picture size in pixels: twice as wide as tall suits a curve over steps. */
export const DEFAULT_PICTURE_WIDTH = 720;
export const DEFAULT_PICTURE_HEIGHT = 360;
/** Below this the axes and legend leave no room for the curves. */
export const MIN_PICTURE_WIDTH = 200;
export const MIN_PICTURE_HEIGHT = 120;
