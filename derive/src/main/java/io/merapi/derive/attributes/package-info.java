/**
 * The attributes builder (specs derivation.md "Building Individual Payload Attributes"): the L1
 * info deposit, user deposits, network upgrade transactions and the fork-dependent fields of the
 * next L2 block's payload attributes; and the sequencer's side of the same rules (L1 origin
 * selection, the max sequencer drift).
 */
package io.merapi.derive.attributes;
