/**
 * The safe-head database (op-node's {@code safedb}, {@code --safedb.path}): for each L1 block at
 * which the safe L2 head moved, which L2 block it became, so that {@code
 * optimism_safeHeadAtL1Block} can tell a challenger or proposer what was safe at any L1 block.
 */
package io.merapi.node.safedb;
