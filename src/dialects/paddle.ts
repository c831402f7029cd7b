// Dialect: paddle. (to be filled in)
export {};
