// SwiftPM links an executable target so that `main` is `<module>_main` (here
// RESPDecoderFuzzer_main), which libFuzzer's own `main` cannot be; this one runs libFuzzer's
// driver on the Swift entry point, LLVMFuzzerTestOneInput (FuzzEntryPoint.swift). Without that
// renaming, libFuzzer's `main` is linked instead and this function is unused.
#include <stddef.h>
#include <stdint.h>
#include "CFuzzerDriver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int RESPDecoderFuzzer_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
