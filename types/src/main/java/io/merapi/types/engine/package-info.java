/** Engine API values shared by the execution engine, the rollup node and derivation. */
package io.merapi.types.engine;
