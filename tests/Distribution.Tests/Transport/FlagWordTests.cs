using Arbor.Distribution.Handshake;

namespace Arbor.Distribution.Tests.Transport;

public sealed class FlagWordTests
{
    [Fact]
    public void The_flag_word_is_exactly_the_OTP_26_27_mandatory_set_plus_monitors_aliases_send_sender_and_spawn()
    {
        // EXTENDED_REFERENCES 0x4, FUN_TAGS 0x10, NEW_FUN_TAGS 0x80, EXTENDED_PIDS_PORTS 0x100, EXPORT_PTR_TAG 0x200,
        // BIT_BINARIES 0x400, NEW_FLOATS 0x800, UTF8_ATOMS 0x10000, MAP_TAG 0x20000, BIG_CREATION 0x40000,
        // HANDSHAKE_23 0x1000000 (the OTP 25 set); UNLINK_ID 0x2000000, V4_NC bit 34 (OTP 26); MANDATORY_25_DIGEST
        // bit 26 (0x4000000, as in dist.h, not the guide's 1 bsl 36); DIST_MONITOR 0x8, DIST_MONITOR_NAME 0x20,
        // SEND_SENDER 0x80000, ALIAS bit 35; SPAWN bit 32 (remote starts, and proper replies to Erlang's spawn requests).
        Assert.Equal(0xD_070F_0FBCUL, (ulong)DistributionFlagSets.ForNode(hidden: true));
        Assert.Equal(0xD_070F_0FBDUL, (ulong)DistributionFlagSets.ForNode(hidden: false));
    }

    [Fact]
    public void Flag_values_match_dist_h()
    {
        Assert.Equal(0x400_0000UL, (ulong)DistributionFlags.Mandatory25Digest);
        Assert.Equal(1UL << 34, (ulong)DistributionFlags.V4NodeContainers);
        Assert.Equal(1UL << 35, (ulong)DistributionFlags.Alias);
        Assert.Equal(0x200_0000UL, (ulong)DistributionFlags.UnlinkId);
        Assert.Equal(0x8UL, (ulong)DistributionFlags.DistMonitor);
        Assert.Equal(0x20UL, (ulong)DistributionFlags.DistMonitorName);
        Assert.Equal(1UL << 32, (ulong)DistributionFlags.Spawn);
    }

    [Fact]
    public void A_peer_without_the_mandatory_flags_is_refused_naming_what_is_missing()
    {
        var error = Assert.Throws<HandshakeException>(() => FlagCheck.RequireFrom("old@host", DistributionFlagSets.Mandatory25));
        Assert.Contains("UnlinkId", error.Message, StringComparison.Ordinal);
        FlagCheck.RequireFrom("new@host", DistributionFlagSets.Offered);
    }
}
