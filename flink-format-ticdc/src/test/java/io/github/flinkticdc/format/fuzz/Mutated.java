package io.github.flinkticdc.format.fuzz;

/** The bytes a mutation produced and the mutation's name (as shown in failure reports). */
final class Mutated {

    final String name;
    final byte[] bytes;

    Mutated(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }
}
