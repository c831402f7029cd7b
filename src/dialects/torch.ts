// Dialect: torch. (to be filled in)
export {};
