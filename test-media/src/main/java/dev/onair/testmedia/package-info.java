/**
 * Generated test media for the tests and benchmarks of the encoder and relay images — test support,
 * never product code; use it with {@code <scope>test</scope>}.
 *
 * <p>Every piece of media is made on the spot by the ffmpeg CLI that ships in the same JavaCPP
 * natives jar the images link against ({@link dev.onair.testmedia.BundledFfmpeg}), so tests need no
 * media files in the repository and no ffmpeg on the machine, and the CLI a benchmark compares
 * against is the very FFmpeg build under test.
 *
 * <ul>
 *   <li>{@link dev.onair.testmedia.TestClips}: MPEG-TS clips and VOD HLS playlists of lavfi test
 *       pictures with a 440 Hz tone, each recipe fixed (size, frame rate, GOP, bitrate) because
 *       tests count its frames and benchmarks compare runs.
 *   <li>{@link dev.onair.testmedia.SrtPusher}: a live signal published over SRT in caller mode, as
 *       OBS would.
 *   <li>{@link dev.onair.testmedia.TestImages}: PNGs (overlays, slates) drawn in Java.
 * </ul>
 *
 * <p>What belongs here: media a test feeds to the code under test, shared by more than one module.
 * What does not: sinks, servers and harnesses that observe one image's behaviour; they stay in that
 * module's test tree.
 */
package dev.onair.testmedia;
