/**
 * The version of the privacy notice (个人信息保护政策, app/privacy) a user consents to at registration.
 * Change it whenever the notice's substance changes: the stored version shows what each user agreed to.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11';

/** The name a deleted account leaves on the records its organisation keeps (PIPL erasure). */
export const DELETED_USER_NAME = '已注销用户';
