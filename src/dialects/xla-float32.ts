/**
 * Float32 arithmetic as XLA on CPU compiles a jitted step (jax.jit; Keras's JAX train step), the ground
 * optax-float32.ts and keras-float32.ts build on. XLA replaces a division by a constant with a multiply by
 * its reciprocal, rounded to float32 (so `1906 * (1/1906)` is 0.99999994, not 1), and LLVM fuses `a * b + c`
 * into one rounding. Every other operation is the double result rounded with Math.fround; for sums and
 * products of float32 values that is float32 arithmetic exactly. Transcendentals (pow, log, cos) are the
 * double result rounded: within an ulp of XLA's own approximations (the goldens say where that shows).
 */
export const f32 = Math.fround;

/** XLA's float32 reciprocal of a constant divisor. */
export const reciprocal32 = (divisor: number): number => f32(1 / f32(divisor));

/** `a * b + c` rounded once to float32 (a fused multiply-add; a and b are float32, so a * b is exact in a double). */
export const fma32 = (a: number, b: number, c: number): number => f32(a * b + c);

/** float32 pow; a negative base with a fractional power is NaN, as in XLA. */
export const pow32 = (base: number, exponent: number): number => f32(f32(base) ** f32(exponent));
