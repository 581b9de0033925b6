package io.mailharness.faultserver.store;

/** Changes one octet of a message body, for the store fault that corrupts mail. */
final class BodyAlteration {

    private BodyAlteration() {
    }

    /** Replaces the first body octet that is not CR or LF; appends one octet when the body is empty. */
    static byte[] alterFirstBodyOctet(byte[] message) {
        int bodyStart = indexOf(message, new byte[] {'\r', '\n', '\r', '\n'});
        int from = bodyStart < 0 ? 0 : bodyStart + 4;
        byte[] altered = message.clone();
        for (int i = from; i < altered.length; i++) {
            if (altered[i] != '\r' && altered[i] != '\n') {
                altered[i] = (byte) (altered[i] == '#' ? '%' : '#');
                return altered;
            }
        }
        byte[] longer = new byte[message.length + 1];
        System.arraycopy(message, 0, longer, 0, message.length);
        longer[message.length] = '#';
        return longer;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
