import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * What an access token's key and signature cost: RSA-2048 (RS256) against P-256 ECDSA (ES256), with the JDK's
 * providers, which Nimbus JOSE calls. Run with the test JVMs' compiler flags and without:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC scripts/bench/TokenSigning.java} and
 * {@code java scripts/bench/TokenSigning.java}. Prints milliseconds per key, per signature and per verification (the
 * last of three rounds of 200).
 */
public class TokenSigning {

    public static void main(String[] args) throws Exception {
        measure("RS256", "RSA", "SHA256withRSA");
        measure("ES256", "EC", "SHA256withECDSAinP1363Format");
    }

    private static void measure(String name, String keyAlgorithm, String signatureAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        if (keyAlgorithm.equals("RSA")) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        int keys = 5;
        long start = System.nanoTime();
        KeyPair pair = null;
        for (int i = 0; i < keys; i++) {
            pair = generator.generateKeyPair();
        }
        double keyMillis = (System.nanoTime() - start) / 1e6 / keys;
        byte[] token = new byte[400]; // the size of an access token's header and claims
        byte[] signature = null;
        double signMillis = 0;
        double verifyMillis = 0;
        int rounds = 200;
        for (int round = 0; round < 3; round++) {
            start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                Signature signer = Signature.getInstance(signatureAlgorithm);
                signer.initSign(pair.getPrivate());
                signer.update(token);
                signature = signer.sign();
            }
            long signed = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                Signature verifier = Signature.getInstance(signatureAlgorithm);
                verifier.initVerify(pair.getPublic());
                verifier.update(token);
                if (!verifier.verify(signature)) {
                    throw new IllegalStateException("signature did not verify");
                }
            }
            signMillis = (signed - start) / 1e6 / rounds;
            verifyMillis = (System.nanoTime() - signed) / 1e6 / rounds;
        }
        System.out.printf("%s: key %.1f ms, signature %.2f ms, verification %.2f ms%n", name, keyMillis, signMillis, verifyMillis);
    }
}
