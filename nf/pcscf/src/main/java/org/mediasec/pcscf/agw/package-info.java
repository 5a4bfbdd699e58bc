/**
 * The IMS-AGWs seen from the IMS-ALG (MGC side of Iq): the registered AGWs and their failure Notifies
 * ({@link org.mediasec.pcscf.agw.AgwPool}), and a session's reserve / configure / release calls with a
 * deadline ({@link org.mediasec.pcscf.agw.AgwClient}).
 */
package org.mediasec.pcscf.agw;
