from wizard.cli import main

main(prog_name="eig-wizard")
