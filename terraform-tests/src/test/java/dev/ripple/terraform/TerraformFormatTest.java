package dev.ripple.terraform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** terraform fmt is the style: a change that is not formatted fails here with the diff. */
class TerraformFormatTest {

    @Test
    void everyTerraformFileIsFormatted() {
        TerraformCli.Result result = TerraformCli.run(TerraformModule.ROOT, "fmt", "-check", "-recursive", "-diff",
                "-no-color");

        assertThat(result.exitCode()).as("terraform fmt -check -recursive:\n%s", result.output()).isZero();
    }
}
