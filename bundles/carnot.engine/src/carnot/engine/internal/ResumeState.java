package carnot.engine.internal;

import carnot.api.experiment.EpochMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a run needs to continue after an epoch: the position (epoch, optimizer steps, the last
 * metrics), the network's parameters in DJL's format (batch-norm running statistics included) and
 * the optimizer's state. Randomness needs no state: every epoch draws its minibatch order,
 * augmentation and libtorch generator (dropout) from seeds derived from (experiment seed, epoch).
 */
record ResumeState(int epoch, long step, EpochMetrics last, byte[] parameters, byte[] optimizer) {

    private static final String MAGIC = "carnot-resume";
    private static final int FORMAT = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length + optimizer.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(epoch);
            out.writeLong(step);
            out.writeInt(last.epoch());
            out.writeLong(last.step());
            out.writeDouble(last.trainLoss());
            out.writeDouble(last.trainError());
            out.writeDouble(last.testLoss());
            out.writeDouble(last.testError());
            out.writeDouble(last.learningRate());
            out.writeDouble(last.seconds());
            out.writeInt(parameters.length);
            out.write(parameters);
            out.writeInt(optimizer.length);
            out.write(optimizer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static ResumeState decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("not a Carnot resume state");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("resume state format " + format + "; this Carnot reads " + FORMAT);
            }
            int epoch = in.readInt();
            long step = in.readLong();
            EpochMetrics last = new EpochMetrics(in.readInt(), in.readLong(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
            byte[] parameters = new byte[in.readInt()];
            in.readFully(parameters);
            byte[] optimizer = new byte[in.readInt()];
            in.readFully(optimizer);
            return new ResumeState(epoch, step, last, parameters, optimizer);
        } catch (java.io.EOFException e) {
            throw new IOException("truncated resume state", e);
        }
    }
}
