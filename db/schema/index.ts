export * from './accounts';
export * from './orgs';
export * from './notifications';
export * from './audit';
export * from './needs';
export * from './bids';
export * from './contracts';
export * from './messaging';
