/** The P-CSCF's YAML configuration ({@code mediasec pcscf --config}, {@code --print-default-config}). */
package org.mediasec.pcscf.config;
