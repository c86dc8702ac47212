// The entry point SwiftPM gives the fuzzer executable; see FuzzerDriver.c.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

/// Runs libFuzzer on LLVMFuzzerTestOneInput with the command line's options.
int RESPDecoderFuzzer_main(int argc, char **argv);

#endif
