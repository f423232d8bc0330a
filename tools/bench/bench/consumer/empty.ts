// The floor of the consumer bench: a file that imports nothing (the compiler's fixed cost).
export const answer = 42;
