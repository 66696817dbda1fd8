/** Kept with the registration input (the form's consent refers to it); re-exported for the domain. */
export { PRIVACY_NOTICE_VERSION } from './inputs';

/** The name a deleted account leaves on the records its organisation keeps (PIPL erasure). */
export const DELETED_USER_NAME = '已注销用户';
