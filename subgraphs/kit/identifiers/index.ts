/** Identifier formats of the domain: validators return a reason for BAD_USER_INPUT, generators feed the seed. */
export * from './random';
export * from './areas';
export * from './courts';
export * from './citizenId';
export * from './uscc';
export * from './caseNumber';
export * from './realEstateUnit';
export * from './realEstateCertificate';
export * from './plate';
export * from './vin';
export * from './vessel';
export * from './aircraft';
export * from './bankCard';
export * from './phone';
export * from './names';
