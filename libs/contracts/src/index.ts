export * from './errors';
export * from './pagination';
export * from './tenants';
export * from './apps';
export * from './seats';
export * from './admin';
export * from './audit';
