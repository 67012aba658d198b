package dev.onair.encoder.output;

/**
 * Reads just enough MPEG-TS to let a late reader start cleanly: the latest PAT and PMT packets, the
 * video PID, and where a keyframe (random access point) begins.
 */
final class TsPacketScanner {
  static final int PACKET = 188;
  private static final int STREAM_TYPE_H264 = 0x1B;

  private int pmtPid = -1;
  private int videoPid = -1;
  private byte[] pat;
  private byte[] pmt;

  /**
   * Scans whole packets of {@code chunk} and returns the offset of the first packet that starts a
   * video keyframe, or -1.
   */
  int scan(byte[] chunk) {
    int keyframeOffset = -1;
    for (int offset = 0; offset + PACKET <= chunk.length; offset += PACKET) {
      if (chunk[offset] != 0x47) {
        continue;
      }
      int pid = ((chunk[offset + 1] & 0x1F) << 8) | (chunk[offset + 2] & 0xFF);
      if (pid == 0) {
        pat = copy(chunk, offset);
        pmtPid = programMapPid(chunk, offset);
      } else if (pid == pmtPid) {
        pmt = copy(chunk, offset);
        videoPid = videoPid(chunk, offset);
      } else if (pid == videoPid && keyframeOffset < 0 && isRandomAccess(chunk, offset)) {
        keyframeOffset = offset;
      }
    }
    return keyframeOffset;
  }

  /** The latest PAT and PMT packets, or null before both were seen. */
  byte[] programTables() {
    if (pat == null || pmt == null) {
      return null;
    }
    byte[] tables = new byte[2 * PACKET];
    System.arraycopy(pat, 0, tables, 0, PACKET);
    System.arraycopy(pmt, 0, tables, PACKET, PACKET);
    return tables;
  }

  private static byte[] copy(byte[] chunk, int offset) {
    byte[] packet = new byte[PACKET];
    System.arraycopy(chunk, offset, packet, 0, PACKET);
    return packet;
  }

  private static boolean isRandomAccess(byte[] p, int o) {
    boolean payloadStart = (p[o + 1] & 0x40) != 0;
    int adaptation = (p[o + 3] >> 4) & 0x3;
    return payloadStart
        && (adaptation == 2 || adaptation == 3)
        && (p[o + 4] & 0xFF) > 0
        && (p[o + 5] & 0x40) != 0;
  }

  /** Offset of the section start (after header, adaptation field and pointer field), or -1. */
  private static int sectionStart(byte[] p, int o) {
    if ((p[o + 1] & 0x40) == 0) {
      return -1;
    }
    int adaptation = (p[o + 3] >> 4) & 0x3;
    int start = o + 4;
    if (adaptation == 2 || adaptation == 3) {
      start += 1 + (p[start] & 0xFF);
    }
    start += 1 + (p[start] & 0xFF);
    return start < o + PACKET ? start : -1;
  }

  private static int programMapPid(byte[] p, int o) {
    int s = sectionStart(p, o);
    if (s < 0) {
      return -1;
    }
    int sectionLength = ((p[s + 1] & 0x0F) << 8) | (p[s + 2] & 0xFF);
    int end = Math.min(s + 3 + sectionLength - 4, o + PACKET);
    for (int e = s + 8; e + 4 <= end; e += 4) {
      int program = ((p[e] & 0xFF) << 8) | (p[e + 1] & 0xFF);
      if (program != 0) {
        return ((p[e + 2] & 0x1F) << 8) | (p[e + 3] & 0xFF);
      }
    }
    return -1;
  }

  private static int videoPid(byte[] p, int o) {
    int s = sectionStart(p, o);
    if (s < 0) {
      return -1;
    }
    int sectionLength = ((p[s + 1] & 0x0F) << 8) | (p[s + 2] & 0xFF);
    int end = Math.min(s + 3 + sectionLength - 4, o + PACKET);
    int programInfoLength = ((p[s + 10] & 0x0F) << 8) | (p[s + 11] & 0xFF);
    for (int e = s + 12 + programInfoLength; e + 5 <= end; ) {
      int streamType = p[e] & 0xFF;
      int pid = ((p[e + 1] & 0x1F) << 8) | (p[e + 2] & 0xFF);
      if (streamType == STREAM_TYPE_H264) {
        return pid;
      }
      e += 5 + (((p[e + 3] & 0x0F) << 8) | (p[e + 4] & 0xFF));
    }
    return -1;
  }
}
