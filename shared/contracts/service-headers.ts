// Headers the service and the workstation exchange beside the route table: the service database's
// epoch (a new one whenever it is restored or replaced) and the service clock, for lease timing.

/** Sent by the workstation with the epoch it last synced with (empty: none yet); answered with the current one. */
export const EPOCH_HEADER = 'poe-service-epoch';
/** The service clock at the answer (ISO-8601 with milliseconds). */
export const SERVICE_TIME_HEADER = 'poe-service-time';
