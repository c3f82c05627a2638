using System;

namespace Arbor.Distribution.Handshake;

/// <summary>
/// Capability flags exchanged in the handshake (values from OTP's <c>erts/emulator/beam/dist.h</c>). A connection
/// uses the intersection of both sides' flags; a peer that lacks a flag this node requires is refused.
/// </summary>
[Flags]
internal enum DistributionFlags : ulong
{
    None = 0,
    Published = 0x1,
    AtomCache = 0x2,
    ExtendedReferences = 0x4,
    DistMonitor = 0x8,
    FunTags = 0x10,
    DistMonitorName = 0x20,
    HiddenAtomCache = 0x40,
    NewFunTags = 0x80,
    ExtendedPidsPorts = 0x100,
    ExportPtrTag = 0x200,
    BitBinaries = 0x400,
    NewFloats = 0x800,
    UnicodeIo = 0x1000,
    DistHeaderAtomCache = 0x2000,
    SmallAtomTags = 0x4000,
    Utf8Atoms = 0x1_0000,
    MapTag = 0x2_0000,
    BigCreation = 0x4_0000,
    SendSender = 0x8_0000,
    BigSeqTraceLabels = 0x10_0000,
    ExitPayload = 0x40_0000,
    Fragments = 0x80_0000,
    Handshake23 = 0x100_0000,
    UnlinkId = 0x200_0000,

    /// <summary>Bit 26. The protocol guide once documented it as <c>1 bsl 36</c>; the emulator and <c>dist_util</c> use bit 26.</summary>
    Mandatory25Digest = 0x400_0000,
    Spawn = 1UL << 32,
    NameMe = 1UL << 33,
    V4NodeContainers = 1UL << 34,
    Alias = 1UL << 35,
}

/// <summary>The flag sets this node offers and requires.</summary>
internal static class DistributionFlagSets
{
    /// <summary>What OTP 25 makes mandatory (OTP's <c>DFLAG_DIST_MANDATORY_25</c>).</summary>
    public const DistributionFlags Mandatory25 =
        DistributionFlags.ExtendedReferences | DistributionFlags.FunTags | DistributionFlags.ExtendedPidsPorts |
        DistributionFlags.Utf8Atoms | DistributionFlags.NewFunTags | DistributionFlags.BigCreation |
        DistributionFlags.NewFloats | DistributionFlags.MapTag | DistributionFlags.ExportPtrTag |
        DistributionFlags.BitBinaries | DistributionFlags.Handshake23;

    /// <summary>What OTP 26 adds to the mandatory set.</summary>
    public const DistributionFlags Mandatory26 = DistributionFlags.V4NodeContainers | DistributionFlags.UnlinkId;

    /// <summary>
    /// Everything this node offers apart from <see cref="DistributionFlags.Published"/>: the OTP 25/26 mandatory
    /// sets, the digest flag that announces them, monitors (also by name: without them an Erlang caller never sees
    /// 'DOWN' from an Arbor server), aliases (OTP 24+ call replies), the sender in SEND, and spawn requests (remote
    /// starts; without the flag an Erlang <c>spawn/4</c> towards Arbor would fall back to a net_kernel request that is
    /// never answered, with it the request gets a proper SPAWN_REPLY).
    /// </summary>
    public const DistributionFlags Offered =
        Mandatory25 | Mandatory26 | DistributionFlags.Mandatory25Digest |
        DistributionFlags.DistMonitor | DistributionFlags.DistMonitorName | DistributionFlags.Alias |
        DistributionFlags.SendSender | DistributionFlags.Spawn;

    /// <summary>A peer without these is refused: this node's codec and link protocol depend on them.</summary>
    public const DistributionFlags Required = Mandatory25 | DistributionFlags.UnlinkId | DistributionFlags.V4NodeContainers;

    /// <summary>The flag word this node sends: <see cref="Offered"/>, plus published unless hidden.</summary>
    public static DistributionFlags ForNode(bool hidden) => hidden ? Offered : Offered | DistributionFlags.Published;
}
