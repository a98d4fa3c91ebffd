export * from './model';
export * from './commands';
export * from './queries';
export * from './textEdit';
