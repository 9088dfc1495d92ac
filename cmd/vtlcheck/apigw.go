package main

import (
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

func renderAPIGW(name, src string, request []byte) (string, error) {
	r, err := apigw.RequestFromJSON(request)
	if err != nil {
		return "", err
	}
	return apigw.RenderRequestTemplate(name, src, r)
}
