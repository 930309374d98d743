export const steering = {};
