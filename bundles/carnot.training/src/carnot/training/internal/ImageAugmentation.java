package carnot.training.internal;

import java.util.SplittableRandom;

/**
 * The standard CIFAR augmentations on row-major images (C, H, W), in place, stateless:
 * random crop with zero padding p (shift the image by (dy, dx), each uniform in [-p, p], filling
 * with 0 what comes from outside: the same as padding by p and cropping H x W at a random
 * offset), and horizontal flip with probability 1/2 (Krizhevsky et al. 2012; Zhang et al. 2017).
 */
final class ImageAugmentation {

    private ImageAugmentation() {
    }

    /**
     * Augments {@code count} images.
     *
     * @param images row-major (count, C, H, W); modified
     * @param shape  (C, H, W); not modified
     * @param padding crop padding p; 0 for no crop
     * @param flip   flip each image horizontally with probability 1/2
     * @param random draws, per image, dy, dx (if p > 0) then the flip (if flip), in that order
     */
    static void augment(float[] images, int count, int[] shape, int padding, boolean flip, SplittableRandom random) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("image augmentation needs examples of shape (channels, height, width), "
                    + "got " + java.util.Arrays.toString(shape));
        }
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        int size = channels * height * width;
        float[] copy = new float[size];
        for (int n = 0; n < count; n++) {
            int dy = padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
            int dx = padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
            boolean mirror = flip && random.nextBoolean();
            if (dy == 0 && dx == 0 && !mirror) {
                continue;
            }
            int offset = n * size;
            System.arraycopy(images, offset, copy, 0, size);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < height; i++) {
                    for (int j = 0; j < width; j++) {
                        // Output pixel (i, j) shows input (i + dy, jj + dx), jj mirrored when flipping.
                        int sourceRow = i + dy;
                        int sourceColumn = (mirror ? width - 1 - j : j) + dx;
                        boolean inside = sourceRow >= 0 && sourceRow < height && sourceColumn >= 0
                                && sourceColumn < width;
                        images[offset + (c * height + i) * width + j] = inside
                                ? copy[(c * height + sourceRow) * width + sourceColumn]
                                : 0f;
                    }
                }
            }
        }
    }
}
