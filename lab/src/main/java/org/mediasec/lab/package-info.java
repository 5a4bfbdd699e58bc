/**
 * The one-machine lab ({@code mediasec lab}): UE-A, UE-B, P-CSCF A and B, IMS-AGW A and B and the core in one
 * process on loopback, the scenarios run through them, and the report that says per leg what crossed it.
 */
package org.mediasec.lab;
