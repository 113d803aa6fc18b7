#!/usr/bin/python3
"""Writes autograd.pt, the TorchScript module through which carnot.autograd calls
torch.autograd.grad (DJL 0.35 binds only Tensor.backward, which writes .grad; with create_graph
that leaks a parameter -> .grad -> graph reference cycle per Hessian-vector product).

    /usr/bin/python3 releng/torchscript/autograd.py [OUT]

OUT defaults to bundles/carnot.autograd/resources/autograd.pt. Needs Debian's
python3-torch (1.13); libtorch 2.7 in DJL reads the archive (format version 3).

forward(outputs, inputs, grad_outputs, flags) returns
torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph=flags[0] != 0,
create_graph=flags[1] != 0, allow_unused=True), with zeros for inputs the outputs do not depend on.
"""
import sys
from typing import List, Optional

import torch


class Autograd(torch.nn.Module):
    def forward(self, outputs: List[torch.Tensor], inputs: List[torch.Tensor],
                grad_outputs: List[torch.Tensor], flags: torch.Tensor) -> List[torch.Tensor]:
        retain = bool(flags[0].item() != 0)
        create = bool(flags[1].item() != 0)
        seeds: List[Optional[torch.Tensor]] = []
        for g in grad_outputs:
            seeds.append(g)
        grads = torch.autograd.grad(outputs, inputs, seeds, retain_graph=retain,
                                    create_graph=create, allow_unused=True)
        result: List[torch.Tensor] = []
        for i in range(len(inputs)):
            g = grads[i]
            if g is None:
                result.append(torch.zeros_like(inputs[i]))
            else:
                result.append(g)
        return result


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "bundles/carnot.autograd/resources/autograd.pt"
    torch.jit.script(Autograd()).save(out)
    print("wrote", out)


if __name__ == "__main__":
    main()
