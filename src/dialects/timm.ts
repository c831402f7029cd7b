// Dialect: timm. (to be filled in)
export {};
