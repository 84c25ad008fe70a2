from wizard.cli.commands import main

main(prog_name="eig-wizard")
