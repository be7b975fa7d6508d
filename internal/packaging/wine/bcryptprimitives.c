/* bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it: Go's
 * runtime (1.24 and later) on Windows takes its random bytes from
 * ProcessPrng in this DLL and stops without it. Real Windows has the
 * DLL; this stand-in, used only by `make windows-test`, gives the same
 * function over RtlGenRandom (advapi32's SystemFunction036).
 *
 * x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll bcryptprimitives.c
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
