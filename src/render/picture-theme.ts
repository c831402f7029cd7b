/**
 * Colours and type for the pictures (SVG, PNG, HTML). Series colours are Okabe and Ito's colour-blind
 * safe set (blue, vermillion, bluish green, reddish purple, orange, sky blue, black; its yellow is too
 * faint on white) followed by three of Paul Tol's muted scheme (wine, olive, purple), also chosen to stay
 * apart for colour-blind readers: ten before any repeats. The dark theme swaps black for near-white and
 * starts from the brighter sky blue. Dash patterns (DASHES) keep a dozen series apart in grey print. The font is DejaVu Sans, the one the PNG rasteriser is given, so SVG, PNG and browser
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
    series: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#882255', '#999933', '#AA4499'],
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    mutedText: '#c9d1d9',
    grid: '#262c36',
    axis: '#6e7681',
    hoverRule: '#8b949e',
    series: ['#56B4E9', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#F0E442', '#E6EDF3', '#CC6677', '#999933', '#AA4499'],
  },
};

/**
 * Stroke dash patterns for several planned curves, in order: solid, dashed, dotted, dash-dot, long
 * dashes, dash-dot-dot. With ten colours, series k and k+6 share a dash but differ in colour and in grey
 * level, and no two of the first thirty share both.
 */
export const DASHES: readonly (readonly number[])[] = [[], [8, 3], [2, 2.5], [8, 3, 2, 3], [14, 4], [6, 2.5, 1.5, 2.5, 1.5, 2.5]];

/** Default picture size in pixels: twice as wide as tall suits a curve over steps. */
export const DEFAULT_PICTURE_WIDTH = 720;
export const DEFAULT_PICTURE_HEIGHT = 360;
/** Below this the axes and legend leave no room for the curves. */
export const MIN_PICTURE_WIDTH = 200;
export const MIN_PICTURE_HEIGHT = 120;
