package io.merapi.storage;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract {
  @Override
  protected KeyValueStore newStore() {
    return new InMemoryKeyValueStore();
  }
}
