namespace Arbor.Distribution.Control;

/// <summary>The first element of a control message tuple (OTP's <c>erl_dist_protocol</c>, "Protocol between connected nodes").</summary>
internal static class ControlTag
{
    public const int Link = 1;
    public const int Send = 2;
    public const int Exit = 3;
    public const int Unlink = 4;
    public const int RegSend = 6;
    public const int GroupLeader = 7;
    public const int Exit2 = 8;
    public const int SendTT = 12;
    public const int ExitTT = 13;
    public const int RegSendTT = 16;
    public const int Exit2TT = 18;
    public const int MonitorP = 19;
    public const int DemonitorP = 20;
    public const int MonitorPExit = 21;
    public const int SendSender = 22;
    public const int SendSenderTT = 23;
    public const int PayloadExit = 24;
    public const int PayloadExitTT = 25;
    public const int PayloadExit2 = 26;
    public const int PayloadExit2TT = 27;
    public const int PayloadMonitorPExit = 28;
    public const int SpawnRequest = 29;
    public const int SpawnRequestTT = 30;
    public const int SpawnReply = 31;
    public const int SpawnReplyTT = 32;
    public const int AliasSend = 33;
    public const int AliasSendTT = 34;
    public const int UnlinkId = 35;
    public const int UnlinkIdAck = 36;

    /// <summary>The pass-through marker that starts every frame when no atom cache is negotiated.</summary>
    public const byte PassThrough = 112;
}
