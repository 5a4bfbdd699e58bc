/**
 * What the P-CSCF remembers per registered contact for media-plane security: the {@code ;mediasec}
 * mechanisms of Security-Client intersected with what this P-CSCF supports, the Security-Server it
 * answered with, the RFC 3329 check of Security-Verify, and forgetting on expiry or de-registration
 * ({@link org.mediasec.pcscf.registration.MediaSecRegistrations}).
 */
package org.mediasec.pcscf.registration;
