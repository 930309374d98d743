export const issue = {};
