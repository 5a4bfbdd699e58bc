/**
 * {@code mediasec core}: the registrar and S-CSCF routing stand-in that connects P-CSCFs (DESIGN §2).
 *
 * <p>{@link org.mediasec.core.Core#start(org.mediasec.core.CoreConfig)} starts it on one SIP endpoint;
 * {@link org.mediasec.core.CoreConfig#defaults()} documents every configuration key.
 * {@link org.mediasec.core.LocationService} holds the bindings (contact, expiry, RFC 3327 path vector);
 * the registrar answers REGISTER (RFC 3261 §10.3, optional digest); every other request is proxied
 * with {@link org.mediasec.sip.proxy.StatefulProxy}: to a registered contact through its stored path,
 * along the remaining Route, or to the Request-URI. One INFO line per registration and per request.
 */
package org.mediasec.core;
