namespace Arbor.Distribution.Handshake;

/// <summary>Refuses a peer that lacks a capability this node depends on, naming what is missing.</summary>
internal static class FlagCheck
{
    public static void RequireFrom(string peer, DistributionFlags flags)
    {
        var missing = DistributionFlagSets.Required & ~flags;
        if (missing != 0)
        {
            throw new HandshakeException($"Node {peer} lacks required distribution capabilities ({missing}); Arbor speaks to OTP 25 and later.");
        }
    }
}
