/**
 * The Iq (TS 23.334 / 29.334), Mp (TS 23.333 / 29.333) and Ix (TS 29.238) media-security profile:
 * typed builders for the MGC and readers for the MG, and the reverse for replies and the failure
 * Notify. The coding puts every information element that SDP can express into the SDP of the H.248
 * Local and Remote descriptors, and failures into {@code g/cause}; where that is our choice rather
 * than a quoted standard, {@code docs/iq-profile.md} says so (row by row).
 *
 * <ul>
 *   <li>MGC: {@link org.mediasec.h248.iq.TlsTermination}, {@link org.mediasec.h248.iq.PlainTermination}
 *       → {@link org.mediasec.h248.iq.IqCommands}; reply → {@link org.mediasec.h248.iq.IqReplies#local};
 *       Notify → {@link org.mediasec.h248.iq.IqNotify#read}.</li>
 *   <li>MG: request → {@link org.mediasec.h248.iq.IqRequests#termination} (errors:
 *       {@link org.mediasec.h248.iq.IqException}); reply ← {@link org.mediasec.h248.iq.IqReplies#reply};
 *       failure → {@link org.mediasec.h248.iq.IqNotify#notify}.</li>
 * </ul>
 */
package org.mediasec.h248.iq;
