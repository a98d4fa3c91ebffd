export * from './model';
export * from './commands';
export * from './agenda';
export * from './minutes';
