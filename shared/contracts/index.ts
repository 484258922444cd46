// The contracts between our programs: the service's HTTP API and the workstation's API, as runtime schemas.
export * from './problem';
export * from './claim';
export * from './mutations';
export * from './service-api';
export * from './workstation-api';
export * from './materialize';
export * from './audit-sampling';
export * from './audit-records';
export * from './audit-stats';
export * from './cpor';
export * from './assist';
export * from './service-headers';
