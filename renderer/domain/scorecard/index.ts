export * from './kpis';
export * from './weeks';
export * from './model';
export * from './commands';
export * from './queries';
