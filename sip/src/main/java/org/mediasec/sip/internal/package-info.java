/** JAIN-SIP RI plumbing: SLF4J loggers, free-port picking and work-arounds for RI bugs. Not API. */
package org.mediasec.sip.internal;
