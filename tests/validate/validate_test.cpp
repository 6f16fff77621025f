// written by the validation-corpus work
