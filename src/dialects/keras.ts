// Dialect: keras. (to be filled in)
export {};
