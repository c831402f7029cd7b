// Dialect: hf. (to be filled in)
export {};
