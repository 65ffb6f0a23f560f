export * from './alert.js';
export * from './countries.js';
export * from './entity.js';
export * from './ids.js';
export * from './provenance.js';
export * from './shipment.js';
export * from './transaction.js';
export * from './ingest-run.js';
