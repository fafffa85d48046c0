package io.merapi.batcher.channel;

/**
 * The settings for the next channel (op-batcher {@code ChannelConfigProvider}): fixed, or chosen by
 * L1 fees with {@code --data-availability-type auto}.
 */
@FunctionalInterface
public interface ChannelConfigProvider {
  ChannelConfig channelConfig();

  static ChannelConfigProvider fixed(ChannelConfig config) {
    return () -> config;
  }
}
