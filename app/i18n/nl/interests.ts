export const interests = {};
