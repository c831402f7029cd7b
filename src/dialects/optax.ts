// Dialect: optax. (to be filled in)
export {};
